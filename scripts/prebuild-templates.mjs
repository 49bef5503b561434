// `npm run build`, after bundling: cmr's own templates compiled into prebuilt/ (src/build/prebuild.ts).
import { createRequire } from 'node:module';

await createRequire(import.meta.url)('../lib/prebuild.cjs').prebuildTemplates();
