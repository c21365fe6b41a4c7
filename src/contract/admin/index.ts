import { actApi } from './act.js';
import { botsApi } from './bots.js';
import { clockApi } from './clock.js';
import { snapshotsApi } from './snapshots.js';
import { transcriptApi } from './transcript.js';
import { docsApi } from './docs.js';
import { faultsApi } from './faults.js';
import { healthApi } from './health.js';
import { loadApi } from './load.js';
import { mediaApi } from './media.js';
import { milkyApi } from './milky.js';
import { recordsApi } from './records.js';
import { requestsApi } from './requests.js';
import type { RouteContract, RoutesByKey, RouteTypes } from './route.js';
import { worldApi } from './world.js';
import { worldManageApi } from './world-manage.js';

export {
  actApi,
  botsApi,
  clockApi,
  snapshotsApi,
  transcriptApi,
  docsApi,
  faultsApi,
  healthApi,
  loadApi,
  mediaApi,
  milkyApi,
  recordsApi,
  requestsApi,
  worldApi,
  worldManageApi,
};

/**
 * Every admin route, by area. An area adds its routes here (and implements them in
 * `src/admin/routes/`); the server refuses to start when one of these has no handler.
 */
export const adminApi = [
  worldApi,
  worldManageApi,
  actApi,
  mediaApi,
  botsApi,
  milkyApi,
  requestsApi,
  recordsApi,
  healthApi,
  loadApi,
  faultsApi,
  docsApi,
  clockApi,
  snapshotsApi,
  transcriptApi,
] as const;

/** Every admin route by its key, `"<METHOD> <url>"`: the console's typed client is keyed by it. */
export type AdminRoutes = RoutesByKey<typeof worldApi> &
  RoutesByKey<typeof worldManageApi> &
  RoutesByKey<typeof actApi> &
  RoutesByKey<typeof mediaApi> &
  RoutesByKey<typeof botsApi> &
  RoutesByKey<typeof milkyApi> &
  RoutesByKey<typeof requestsApi> &
  RoutesByKey<typeof recordsApi> &
  RoutesByKey<typeof healthApi> &
  RoutesByKey<typeof loadApi> &
  RoutesByKey<typeof faultsApi> &
  RoutesByKey<typeof docsApi> &
  RoutesByKey<typeof clockApi> &
  RoutesByKey<typeof snapshotsApi> &
  RoutesByKey<typeof transcriptApi>;

export type AdminRouteKey = keyof AdminRoutes;

/** Each admin route's params, query, body and response types, by its key (what the console's client uses). */
export type AdminApi = { readonly [K in AdminRouteKey]: RouteTypes<AdminRoutes[K]> };

/** Every contract of `adminApi`, flattened. */
export const allRouteContracts = (): RouteContract[] => adminApi.flatMap((group) => Object.values(group));
