/**
 * The most the server's V8 heap may hold (issue 15). Without a limit V8 lets the heap grow under load
 * long before it collects: the page bench at scale 1 ended with the server at 577 MB resident. With
 * 160 MB of old space it stays under 300 MB, and a page's own work needs a few MB at most; heavy work
 * (text extraction, agenda packs) runs in child processes of its own.
 *
 * Every way of starting the server passes it: `npm run serve`, `npm start` (scripts/supervise.ts), the
 * Dockerfile, the README's systemd unit and the benches; tests/runtime/heap.test.ts holds them to it.
 */
export const SERVER_HEAP_FLAG = '--max-old-space-size=160'
