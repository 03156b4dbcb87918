/**
 * The floor of a benchmark row: a bare `node:http` server that reads each request's body and answers every
 * request with the same bytes, as little as a server can do to send them. Started by the benchmark as a
 * process of its own, as the mock is, so both pay the same for the loopback and the process boundary.
 *
 *   node bench/bare-server.js <port> <file> [content-type]
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import process from 'node:process';

const [port, file, contentType = 'application/json'] = process.argv.slice(2);
if (port === undefined || file === undefined) {
  process.stderr.write('usage: node bench/bare-server.js <port> <file> [content-type]\n');
  process.exit(2);
}
const body = readFileSync(file);
const headers = { 'content-type': contentType, 'content-length': String(body.length) };

http
  .createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, headers);
      response.end(body);
    });
  })
  .listen(Number(port), '127.0.0.1');
