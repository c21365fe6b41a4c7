import type { AlbumComment, AlbumMedia, AlbumMediaStats, AlbumSummary, GroupAlbum } from '../albums/album-model.js';

/** Group albums, their media, likes and comments (migration 010). */
export interface AlbumRepository {
  insertAlbum(album: GroupAlbum): void;
  getAlbum(albumId: string): GroupAlbum | undefined;
  /** A group's albums, oldest first, with their counts and covers. */
  listAlbums(groupId: number): AlbumSummary[];
  countAlbums(groupId: number): number;
  /** Deletes the album and everything in it. */
  removeAlbum(albumId: string): boolean;
  touchAlbum(albumId: string, time: number): void;

  insertMedia(media: Omit<AlbumMedia, 'order'>): void;
  getMedia(lloc: string): AlbumMedia | undefined;
  /** An album's media, oldest first. */
  listMedia(albumId: string): AlbumMedia[];
  countMedia(albumId: string): number;
  /** Likes and comments of these media (by lloc) as `viewer` sees them, in one read; unknown llocs are left out. */
  mediaStats(llocs: readonly string[], viewer: number): Map<string, AlbumMediaStats>;
  /** Whether any medium of the album belongs to this upload batch. */
  hasBatch(albumId: string, batchId: string): boolean;
  /** Deletes the medium with its likes and comments. */
  removeMedia(lloc: string): boolean;

  /** Likes of a target key (a lloc, or "batch:<id>"): how many, and who. */
  likers(albumId: string, target: string): readonly number[];
  /** Adds a like; false when the user had already liked it. */
  like(albumId: string, target: string, userId: number, time: number): boolean;
  /** Removes a like; false when there was none. */
  unlike(albumId: string, target: string, userId: number): boolean;

  insertComment(comment: AlbumComment): void;
  comments(lloc: string): AlbumComment[];
}
