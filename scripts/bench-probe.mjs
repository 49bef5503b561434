// Preloaded into the measured `cmr` process (node --import): at exit, writes the CPU time and
// peak RSS of the whole process, worker threads included, to the file named by CMR_BENCH_USAGE.
import { writeFileSync } from 'node:fs';

const target = process.env.CMR_BENCH_USAGE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ cpuMicros: usage.userCPUTime + usage.systemCPUTime, maxRssKiB: usage.maxRSS }));
  });
}
