import { z } from 'zod';

// The Content-Security-Policy allows no eval (script-src 'self'). Zod would otherwise probe with
// `new Function` on its first parse, which the browser reports as a CSP violation even though zod
// catches it; without the probe zod validates without generated code, which is fast enough here.
z.config({ jitless: true });
