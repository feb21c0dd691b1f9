// Imported first by the webview script, before any schema is built: zod decides at schema construction whether to
// compile fast parsers by probing `new Function('')`, which the page's CSP (no 'unsafe-eval') blocks and reports as a
// violation. Jitless parsing needs no eval.
import * as z from 'zod';

z.config({ jitless: true });
