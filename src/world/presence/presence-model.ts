/** The device model and custom status an account shows (migration 014); empty strings when unset. */
export interface AccountPresence {
  readonly model: string;
  readonly modelShow: string;
  readonly diyFaceId: string;
  readonly diyFaceType: string;
  readonly diyWording: string;
}

export const noPresence: AccountPresence = { model: '', modelShow: '', diyFaceId: '', diyFaceType: '', diyWording: '' };

export interface PresenceRepository {
  get(userId: number): AccountPresence;
  put(userId: number, presence: AccountPresence): void;
}
