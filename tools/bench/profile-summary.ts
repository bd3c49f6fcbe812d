import { readFileSync } from 'node:fs';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time of one part of the process in a CPU profile. */
export interface ProfileShare {
  part: string;
  percent: number;
}

function partOf({ functionName, url }: { functionName: string; url: string }): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return pkg[1]!;
  const own = /\/dist\/(src\/[^/]+)\//.exec(url);
  if (own) return `annals ${own[1]}`;
  if (url.startsWith('node:')) return 'node internals';
  return url;
}

/**
 * Where a `node --cpu-prof` profile spent its non-idle time, by package (or Annals folder, GC,
 * Node internals), largest first.
 */
export function summariseProfile(file: string, top = 12): ProfileShare[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const partById = new Map(profile.nodes.map((node) => [node.id, partOf(node.callFrame)]));
  const time = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const part = partById.get(id) ?? '(unknown)';
    time.set(part, (time.get(part) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  time.delete('(idle)');
  const total = [...time.values()].reduce((sum, value) => sum + value, 0);
  return [...time.entries()]
    .map(([part, value]) => ({ part, percent: (100 * value) / total }))
    .sort((a, b) => b.percent - a.percent)
    .slice(0, top);
}
