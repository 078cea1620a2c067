/** The one IPC channel: the preload's call() and the main process's handler. */
export const IPC_CHANNEL = 'points-store:call';
