#!/usr/bin/env node
// `next start` on every core: node serve.mjs -p PORT [-H HOST]. A Next.js server renders on one
// thread; WEB_CONCURRENCY processes (default: the cores, at most 4) share the port through
// node:cluster, and a process that dies is replaced. WEB_CONCURRENCY=1 runs `next start` alone.
import cluster from "node:cluster";
import { webWorkers } from "./lib/web-workers.mjs";

const workers = webWorkers();
const args = process.argv.slice(2);

if (cluster.isPrimary && workers > 1) {
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on("exit", (w, code, signal) => {
    if (stopping) return;
    console.error(`web worker ${w.process.pid} exited (${signal ?? code}); starting another`);
    cluster.fork();
  });
  const stop = (signal) => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
    let left = Object.keys(cluster.workers ?? {}).length;
    if (left === 0) process.exit(0);
    cluster.on("exit", () => --left <= 0 && process.exit(0));
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
} else {
  process.argv = [process.argv[0], "next", "start", ...args];
  await import("next/dist/bin/next");
}
