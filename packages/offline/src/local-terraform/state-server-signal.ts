// How the state server's thread tells the thread that started it where it stands, readable
// while that thread waits (Atomics.wait): [0] one of SIGNAL, [1] the port it listens on.
export type ServerSignal = Int32Array;

export const SIGNAL = { starting: 0, listening: 1, failed: 2, closed: 3 } as const;
