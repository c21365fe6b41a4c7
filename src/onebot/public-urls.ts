// The builder moved to util/ so every protocol layer can hand out the same URLs.
export { publicUrls } from '../util/public-urls.js';
