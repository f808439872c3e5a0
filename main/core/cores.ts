import os from 'node:os';

/** How many threads this machine can run at once (Node 18.14+ says so directly; older, count the CPUs). */
export const cores = (): number => (typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
