/** Public URLs of things Catnap serves itself (media blobs, avatars); every protocol layer hands them out. */
export interface PublicUrls {
  /** The stable URL a stored blob is served at. */
  media(blobId: string, name?: string): string;
}

/**
 * Builds Catnap's public URLs from a base that may only be known after the web server listens
 * (port 0 in tests), hence the getter.
 */
export function publicUrls(base: () => string): PublicUrls {
  return {
    media(blobId, name) {
      const suffix = name ? `?name=${encodeURIComponent(name)}` : '';
      return `${base().replace(/\/$/, '')}/media/${blobId}${suffix}`;
    },
  };
}
