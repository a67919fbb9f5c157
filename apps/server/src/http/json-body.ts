import type { FastifyInstance } from 'fastify';
import { DomainError } from '../lib/errors.ts';

/** Deeper than any body the API takes (a case with links is 3 levels; preferences a few more). */
export const MAX_JSON_DEPTH = 64;

/**
 * How deep arrays and objects nest in a JSON text, stopping once past `limit`. Counts only
 * brackets outside strings, so `"[[[["` is depth 0. Linear, no recursion: a body of 5,000 nested
 * arrays is refused before anything walks it recursively (the schema validator, the prototype
 * check, the idempotency hash).
 */
export function jsonDepthExceeds(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c /* \ */) i += 1;
      else if (ch === 0x22 /* " */) inString = false;
    } else if (ch === 0x22) {
      inString = true;
    } else if (ch === 0x5b /* [ */ || ch === 0x7b /* { */) {
      depth += 1;
      if (depth > limit) return true;
    } else if (ch === 0x5d /* ] */ || ch === 0x7d /* } */) {
      depth -= 1;
    }
  }
  return false;
}

/** JSON bodies: Fastify's own parser (empty body, prototype poisoning), behind a nesting limit. */
export function registerJsonParser(app: FastifyInstance) {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (jsonDepthExceeds(text)) {
      done(new DomainError('malformed_json', `the JSON body is nested more than ${MAX_JSON_DEPTH} levels deep`), undefined);
      return;
    }
    parse(request, text, done);
  });
}
