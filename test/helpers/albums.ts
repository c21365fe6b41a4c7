import { base64Of, pngHeader } from './images.js';

/**
 * Group album fixtures: header-only photos and the create, upload and list steps the album tests
 * take through OneBot calls.
 */
/** A photo to upload: a header-only PNG of that size (`salt` makes equal sizes differ), as a base64 URI. */
export const photo = (width: number, height: number, salt = 0): string => base64Of(pngHeader(width, height, salt));

/** What the album steps need of a OneBot test world (`onebotWorld`, `fileOnebotWorld`'s `ob`). */
interface Caller {
  data(selfId: number, action: string, params?: unknown): Promise<any>;
}

/** One item of `get_group_album_media_list`'s `media_list`, as far as the tests read it. */
export interface AlbumItem {
  image: { lloc: string; default_url: { width: number; height: number; url: string } };
  batch_id: string;
  upload_order: number;
  uploader: string;
  like: { num: number; liked: boolean };
  comment: { num: number };
}

/** The album steps in one group (30001 by default), each as an account. */
export function groupAlbums(ob: Caller, group = 30001) {
  return {
    /** Creates an album; answers its id. */
    create: async (as: number, name: string): Promise<string> =>
      (await ob.data(as, 'create_group_album', { group_id: group, name })).album_id as string,
    upload: (as: number, album: string, files: string[]) => ob.data(as, 'upload_group_album', { group_id: group, album_id: album, files }),
    /** The album's photos as `as` sees them. */
    media: async (as: number, album: string): Promise<AlbumItem[]> =>
      (await ob.data(as, 'get_group_album_media_list', { group_id: group, album_id: album })).media_list as AlbumItem[],
    /** Likes a photo (by its batch and lloc). */
    like: (as: number, album: string, item: AlbumItem) =>
      ob.data(as, 'set_group_album_media_like', { group_id: group, album_id: album, batch_id: item.batch_id, lloc: item.image.lloc }),
    unlike: (as: number, album: string, item: AlbumItem) =>
      ob.data(as, 'cancel_group_album_media_like', { group_id: group, album_id: album, batch_id: item.batch_id, lloc: item.image.lloc }),
    comment: (as: number, album: string, item: AlbumItem, content: string) =>
      ob.data(as, 'do_group_album_comment', { group_id: group, album_id: album, lloc: item.image.lloc, content }),
    /** An album by `as` with one photo in it: the album's id and the photo as listed. */
    async withPhoto(as: number, name: string, file = photo(1, 1)): Promise<{ album: string; item: AlbumItem }> {
      const album = await this.create(as, name);
      await this.upload(as, album, [file]);
      const [item] = await this.media(as, album);
      return { album, item: item! };
    },
  };
}
