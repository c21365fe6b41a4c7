import { describeError } from '../api/client';
import { toast } from './toast';

/**
 * Runs one change a button asked for: says `done` when it worked, the server's reason when it did
 * not (as a toast), and answers whether it worked so the caller can reload what it shows.
 */
export async function attempt(change: () => Promise<unknown>, done?: string): Promise<boolean> {
  try {
    await change();
    if (done) toast(done);
    return true;
  } catch (failure) {
    toast(describeError(failure), 'error');
    return false;
  }
}
