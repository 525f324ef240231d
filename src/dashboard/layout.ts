// The page shell every dashboard page shares: top bar, Settings navigation, breadcrumb, flash
// message. Stylesheet and script are served by this process (nothing comes from the internet).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { html, type Html, type Renderable } from './html.ts';
import type { Flash } from './session.ts';

export const BASE = '/dashboard';

export interface Asset {
  body: Buffer;
  type: string;
  version: string;
}

function load(name: string, type: string): Asset {
  const body = readFileSync(new URL(`./assets/${name}`, import.meta.url));
  return { body, type, version: createHash('sha256').update(body).digest('hex').slice(0, 12) };
}

/** Read once at start; the URL carries a content hash so browsers may cache them for good. */
export const ASSETS: Record<string, Asset> = {
  'app.css': load('app.css', 'text/css; charset=utf-8'),
  'app.js': load('app.js', 'text/javascript; charset=utf-8'),
  'icon.svg': load('icon.svg', 'image/svg+xml'),
};

export const assetUrl = (name: string) => `${BASE}/assets/${name}?v=${ASSETS[name].version}`;

export interface Viewer {
  organizationName: string;
  keyPrefix: string;
  csrf: string;
}

export interface PageOptions {
  title: string;
  viewer: Viewer | null;
  /** Which Settings section is current. */
  section?: 'webhooks' | 'events';
  /** Breadcrumb after "Settings": [label, href?] pairs; the last one is the current page. */
  crumbs?: Array<[string, string?]>;
  flash?: Flash | null;
  body: Renderable;
}

/** The hidden CSRF field every POST form carries. */
export const csrfField = (csrf: string) => html`<input type="hidden" name="_csrf" value="${csrf}" />`;

function topBar(viewer: Viewer | null): Html {
  return html`<header class="topbar">
    <a class="topbar__brand" href="${BASE}/webhooks"><img src="${assetUrl('icon.svg')}" alt="" width="24" height="24" /><span>SalesOS</span></a>
    ${
      viewer
        ? html`<div class="topbar__right">
            <span class="topbar__org" title="Signed in with key ${viewer.keyPrefix}…"
              ><span class="visually-hidden">Organization: </span>${viewer.organizationName}</span
            >
            <form method="post" action="${BASE}/sign-out">
              ${csrfField(viewer.csrf)}<button type="submit" class="button button--ghost button--small">Sign out</button>
            </form>
          </div>`
        : ''
    }
  </header>`;
}

function sideNav(section: PageOptions['section']): Html {
  const item = (key: string, label: string, href: string) =>
    html`<li><a href="${href}" ${key === section ? html` aria-current="page" class="is-current"` : ''}>${label}</a></li>`;
  return html`<nav class="sidenav" aria-label="Settings">
    <p class="sidenav__title">Settings</p>
    <ul>
      ${item('webhooks', 'Webhooks', `${BASE}/webhooks`)}${item('events', 'Events', `${BASE}/events`)}
    </ul>
  </nav>`;
}

function breadcrumb(crumbs: Array<[string, string?]>): Html {
  const all: Array<[string, string?]> = [['Settings', `${BASE}/webhooks`], ...crumbs];
  return html`<nav class="breadcrumb" aria-label="Breadcrumb">
    <ol>
      ${all.map(([label, href], i) =>
        i === all.length - 1 ? html`<li><span aria-current="page">${label}</span></li>` : html`<li><a href="${href}">${label}</a></li>`,
      )}
    </ol>
  </nav>`;
}

export function flashBox(flash: Flash | null | undefined): Html {
  if (!flash) return html``;
  return html`<div class="flash flash--${flash.kind}" role="${flash.kind === 'error' ? 'alert' : 'status'}">${flash.message}</div>`;
}

export function page(o: PageOptions): string {
  const signedIn = o.viewer !== null;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${o.title} · SalesOS</title>
        <link rel="icon" href="${assetUrl('icon.svg')}" type="image/svg+xml" />
        <link rel="stylesheet" href="${assetUrl('app.css')}" />
        <script src="${assetUrl('app.js')}" defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to content</a>
        ${topBar(o.viewer)}
        ${
          signedIn
            ? html`<div class="shell">
                ${sideNav(o.section)}
                <main id="main" class="content" tabindex="-1">${o.crumbs ? breadcrumb(o.crumbs) : ''} ${flashBox(o.flash)} ${o.body}</main>
              </div>`
            : html`<main id="main" class="content content--narrow" tabindex="-1">${flashBox(o.flash)}${o.body}</main>`
        }
      </body>
    </html> `.value;
}
