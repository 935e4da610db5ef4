/** Creatio version numbers such as `8.0.2` or `7.18.3.1234`, compared part by part. */

export type Version = readonly number[];

/** Parses `8.0.2`; returns undefined for anything that is not dot-separated numbers. */
export function parseVersion(text: string | undefined | null): Version | undefined {
  if (!text) return undefined;
  const trimmed = text.trim();
  if (!/^\d+(\.\d+){0,3}$/.test(trimmed)) return undefined;
  return trimmed.split('.').map(Number);
}

export function compareVersions(a: Version, b: Version): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

export function formatVersion(version: Version): string {
  return version.join('.');
}
