// The physical limit: plain node:http answering each benchmark request with a copy of the body
// Entente gave for it, computed once by the harness. Nothing is parsed or built per request.
// BENCH_ANSWERS names a JSON file of { body, answer } pairs (request body -> response body).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { listen, readBody } from './shared.js';

interface Answer {
  body: string;
  answer: string;
}

const file = process.env.BENCH_ANSWERS;
if (!file) throw new Error('BENCH_ANSWERS must name the file of precomputed answers');
// Keyed by the exact request body, so that no JSON is parsed per request; bodies are Buffers,
// so that no string is encoded per request either.
const answers = new Map((JSON.parse(readFileSync(file, 'utf8')) as Answer[]).map(({ body, answer }) => [body, Buffer.from(answer, 'utf8')] as const));

const server = createServer(async (request, response) => {
  const answer = answers.get(await readBody(request));
  if (!answer) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not a benchmark request\n');
    return;
  }
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': answer.length }).end(answer);
});
listen(server, 'precomputed');
