/** Hover on Redis keys and on the Redis <add> element, on raw offsets. Secrets are masked. */
import type { Span } from '../analysis/types.js';
import type { ConfigDocument } from '../model/configDocument.js';
import type { SiteContext } from '../model/siteContext.js';
import type { Settings } from '../settings.js';

export interface HoverResult {
  markdown: string;
  span: Span;
}

/** Returns the hover at `offset`, if there is something to explain there. */
export function hoverAt(_document: ConfigDocument, _offset: number, _settings: Settings, _site: SiteContext): HoverResult | undefined {
  // TODO: the editing-experience work replaces this with key and entry hovers.
  return undefined;
}
