/** What the app's build gives the server: app/modules/runtime/server.server.ts, via the server entry. */
export type ServerEntry = typeof import('../../app/modules/runtime/server.server')
