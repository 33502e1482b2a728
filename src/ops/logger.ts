import { pino, type DestinationStream, type Logger } from "pino";
import type { LogLevel } from "../config.js";

export type { Logger } from "pino";

/**
 * Paths pino blanks before a line is written. The request log never puts a
 * header, a token or a variable in a line (src/http/request-log.ts writes
 * chosen fields only); these paths are the second lock, for a line someone
 * adds later with a whole request or body in it. Variables can hold personal
 * data (a NIR, a name), tokens name their subject.
 */
export const REDACTED_PATHS = [
  "authorization",
  "headers.authorization",
  "headers.cookie",
  "req.headers.authorization",
  "req.headers.cookie",
  "*.authorization",
  "token",
  "*.token",
  "variables",
  "*.variables",
  "body",
  "*.body",
  "query",
  "*.query",
];

/**
 * The process's JSON logger: one object per line on stdout (or `destination`,
 * which the tests use to read the lines), ISO time, no hostname or pid
 * (the platform adds its own), values at REDACTED_PATHS replaced.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: "passerelle" },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** A logger that writes nothing: the default of a server built without one (tests, benchmarks). */
export const silentLogger: Logger = pino({ level: "silent" });
