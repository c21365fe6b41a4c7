import type { MilkyApiSpec } from '../api.js';
import { fileApis } from './file.js';
import { friendApis } from './friend.js';
import { groupRequestApis } from './group-requests.js';
import { groupApis } from './group.js';
import { messageApis } from './message.js';
import { systemApis } from './system.js';

/**
 * Every Milky API Catnap serves, category by category. Like OneBot's action table, this is the
 * only place they are joined; the dispatcher, the coverage page and the OpenAPI document all read it.
 */
export const allMilkyApis: readonly MilkyApiSpec[] = [
  ...systemApis,
  ...messageApis,
  ...friendApis,
  ...groupApis,
  ...groupRequestApis,
  ...fileApis,
];
