/** What voice recordings say, by the blob of the audio (migration 022). Writes run inside a unit of work. */
export interface TranscriptRepository {
  get(blobId: string): string | undefined;
  set(blobId: string, text: string, time: number): void;
}
