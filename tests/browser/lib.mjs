// Shared by the browser scripts: launch Debian's chromium the way this machine needs it.
import { chromium } from 'playwright-core';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

// Prints a JSON result on stdout for the Rust test to read, and exits.
export function report(result) {
  process.stdout.write(JSON.stringify(result) + '\n');
}
