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

/**
 * Returns whether `version` is `target` or later, or undefined when a shorter version cannot tell:
 * `8` is some 8.x, so it is neither before nor after 8.0.2.
 */
export function isAtLeast(version: Version, target: Version): boolean | undefined {
  for (let i = 0; i < target.length; i++) {
    if (i >= version.length) return undefined;
    if (version[i] !== target[i]) return version[i] > target[i];
  }
  return true;
}
