/** Paths in certificatePath that belong to another operating system than this one. */

/** `C:\…`, `C:/…` or a `\\server\share` UNC path. */
export const WINDOWS_PATH = /^(?:[A-Za-z]:[\\/]|\\\\)/;

/** True for a path that only another operating system can resolve, such as `C:\certs\a.pfx` on Linux. */
export function isOtherPlatformPath(path: string, platform: NodeJS.Platform): boolean {
  if (platform === 'win32') return path.startsWith('/') && !path.startsWith('//');
  return WINDOWS_PATH.test(path);
}
