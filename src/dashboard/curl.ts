// A delivery attempt as a ready-to-run curl command (the delivery page's "Copy as cURL"): the
// method, URL, every header as sent (signatures included, secret custom headers still masked)
// and the exact body, each single-quoted for a POSIX shell so nothing in them is interpreted.

/** 'text' for sh, bash and zsh: a quote inside becomes '\'' (close, escaped quote, reopen). */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function curlCommand(method: string, url: string, headers: Record<string, string>, body: string): string {
  const lines = [`curl -X ${method} ${shellQuote(url)}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  lines.push(`--data-raw ${shellQuote(body)}`);
  return lines.join(' \\\n  ');
}
