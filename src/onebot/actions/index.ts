import type { AnyActionSpec } from '../action.js';
import { accountInfoActions } from './account-info.js';
import { friendInfoActions } from './friend-info.js';
import { groupInfoActions } from './group-info.js';
import { quickOperationActions } from './quick-operation.js';

/**
 * Every action Catnap serves. Each area contributes one list; this is the only place they are
 * joined, so the action table, the validation, the docs and the OpenAPI document all come from
 * the same specs.
 */
export const allActions: readonly AnyActionSpec[] = [...accountInfoActions, ...friendInfoActions, ...groupInfoActions, ...quickOperationActions];
