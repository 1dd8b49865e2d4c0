// Runs a child process to completion without blocking this process's event loop.
//
// A script that holds an embedded PostgreSQL (scripts/lib/postgres.mjs) must never wait in
// spawnSync: the server writes its log into a pipe that only this process's event loop reads. A
// blocked loop lets the pipe fill (64 KB: a long test run's logged errors and checkpoints), then
// every PostgreSQL process that logs stops on the write — the checkpointer first, and DROP
// DATABASE waits for a checkpoint forever. (CI on 2026-12-07: Vitest finished its tests, then hung
// in its teardown's DROP DATABASE for 80 minutes, until the run was out of time.)
import { spawn } from "node:child_process";

/**
 * Resolves with { status, signal, timedOut } once the child has exited. `timeout` (ms, 0 = none)
 * kills it with SIGKILL and sets timedOut.
 */
export function runChild(cmd, args, { env = process.env, stdio = "inherit", timeout = 0 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio });
    let timedOut = false;
    const timer = timeout
      ? setTimeout(() => {
          timedOut = true;
          child.kill("SIGKILL");
        }, timeout)
      : null;
    const done = (result) => {
      if (timer) clearTimeout(timer);
      resolve({ timedOut, ...result });
    };
    child.on("close", (status, signal) => done({ status, signal }));
    child.on("error", (error) => done({ status: null, signal: null, error }));
  });
}
