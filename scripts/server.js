// The production server: adapter-node's handler on node:http (the adapter's "custom server"), so the static
// files it serves before any hook runs still get the security headers. `npm start` and the e2e server use it.
import { createServer } from 'node:http';
import { staticSecurityHeaders } from '../src/lib/server/security-headers.js';

// a computed path, so type checking does not descend into the build output
const handlerUrl = new URL('../build/handler.js', import.meta.url).href;
/** @type {{ handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next: () => void) => unknown }} */
const { handler } = await import(handlerUrl);

const host = process.env.HOST ?? '0.0.0.0';
const port = Number(process.env.PORT ?? 3000);
const shutdownSeconds = Number(process.env.SHUTDOWN_TIMEOUT ?? 30);
const protocolHeader = process.env.PROTOCOL_HEADER?.toLowerCase();
// Node closes an idle kept-alive connection after 5 s; a phone waits longer than that between answers, and a
// request sent as the server closes its connection fails with ECONNRESET (bench/RESULTS.md): 65 s outlasts a
// question's wait and the 60 s idle timeout of common proxies, so the client side closes first
const keepAliveSeconds = Number(process.env.KEEP_ALIVE_TIMEOUT ?? 65);

/** @param {import('node:http').IncomingMessage} req */
function servedOverHttps(req) {
	if (process.env.ORIGIN) return process.env.ORIGIN.startsWith('https:');
	return Boolean(protocolHeader) && req.headers[protocolHeader ?? ''] === 'https';
}

let stopping = false;

const server = createServer((req, res) => {
	// defaults for every response: a page or endpoint replaces them with what hooks.server.ts sets
	for (const [name, value] of Object.entries(staticSecurityHeaders(servedOverHttps(req)))) {
		res.setHeader(name, value);
	}
	// while shutting down, a keep-alive connection closes as soon as its request is done
	req.on('close', () => stopping && server.closeIdleConnections());
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not Found');
	});
});

server.keepAliveTimeout = keepAliveSeconds * 1000;
// headers must be allowed longer than the keep-alive wait, or Node can cut a reused connection first
server.headersTimeout = (keepAliveSeconds + 5) * 1000;

server.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));

// as adapter-node's own server does: finish the requests in flight, then let the app close its database
function shutDown(/** @type {NodeJS.Signals} */ signal) {
	if (stopping) return;
	stopping = true;
	server.closeIdleConnections();
	server.close(() => {
		// @ts-expect-error Kit's custom shutdown event is not in Node's types
		process.emit('sveltekit:shutdown', signal);
	});
	setTimeout(() => server.closeAllConnections(), shutdownSeconds * 1000).unref();
}
process.on('SIGTERM', shutDown);
process.on('SIGINT', shutDown);
