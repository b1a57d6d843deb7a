#!/usr/bin/env node
// Starts the demo platform (a local test fixture) and prints its URL. Usage: node packages/demo-platform/src/main.ts [port]
import { startDemoPlatform } from './server.ts';

const port = Number.parseInt(process.argv[2] ?? process.env.DEMO_PLATFORM_PORT ?? '0', 10) || 0;
const demo = await startDemoPlatform({ port });
console.log(demo.url);

const stop = (): void => {
  demo.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
