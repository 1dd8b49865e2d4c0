#!/usr/bin/env node
// `next start` on every core: node scripts/serve.mjs -p PORT [-H HOST]. A Next.js server renders
// on one thread; WEB_CONCURRENCY processes (default: the cores, at most 4) share the port through
// node:cluster. A worker that dies after it was serving is replaced; one that cannot start (port
// taken, bad build) stops them all. WEB_CONCURRENCY=1 runs `next start` alone.
import cluster from "node:cluster";
import { webWorkers } from "./lib/web-workers.mjs";

const workers = webWorkers();
const args = process.argv.slice(2);

if (cluster.isPrimary && workers > 1) {
  let stopping = false;
  const serving = new Set();
  const stop = (signal, code = 0) => {
    stopping = true;
    const live = Object.values(cluster.workers ?? {}).filter(Boolean);
    if (live.length === 0) process.exit(code);
    let left = live.length;
    cluster.on("exit", () => --left <= 0 && process.exit(code));
    for (const w of live) w.process.kill(signal);
  };
  cluster.on("listening", (w) => serving.add(w.id));
  cluster.on("exit", (w, code, signal) => {
    if (stopping) return;
    if (!serving.has(w.id)) {
      console.error(`web worker ${w.process.pid} could not start (${signal ?? code}); stopping`);
      return stop("SIGTERM", 1);
    }
    console.error(`web worker ${w.process.pid} exited (${signal ?? code}); starting another`);
    cluster.fork();
  });
  for (let i = 0; i < workers; i++) cluster.fork();
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
} else {
  process.argv = [process.argv[0], "next", "start", ...args];
  await import("next/dist/bin/next");
}
