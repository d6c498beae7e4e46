/** The engine's one logging contract: callers (CLI, extension worker, server) decide where lines go. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type Logger = (level: LogLevel, message: string) => void;
