import { version } from '../../package.json';

/** The version of this engine, as package.json states it. */
export const engineVersion: string = version;
