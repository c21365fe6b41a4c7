/**
 * The contract between Catnap's server and its clients: the admin API's routes, the console's live
 * socket, the OneBot events and shapes, the world file and NapCat's network config, each as a
 * TypeBox schema and its static type. It imports nothing but TypeBox, so the console (web/) can
 * import its *types* without pulling any server code into the browser bundle, and every layer of
 * the server can build on it. Rename a field here and the server and the console both fail to
 * compile where they use it.
 */
export * from './admin/index.js';
export * from './admin/route.js';
export * from './admin/world-views.js';
export * from './admin/bots.js';
export * from './admin/requests.js';
export * from './admin/load.js';
export * from './admin/clock.js';
export * from './admin/snapshots.js';
export * from './admin/transcript.js';
export * from './admin/faults.js';
export * from './live.js';
export * from './onebot/envelope.js';
export * from './onebot/message.js';
export * from './onebot/events.js';
export * from './onebot-config.js';
export * from './milky-config.js';
export * from './world-file.js';
export * from './onebot/users.js';
export * from './onebot/groups.js';
export * from './onebot/results.js';
export * from './people.js';
