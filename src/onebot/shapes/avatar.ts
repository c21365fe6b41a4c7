// Avatar URLs are protocol-neutral and live in the world's media area (Milky uses them too).
export { groupAvatarUrl, userAvatarUrl } from '../../world/media/avatar-urls.js';
