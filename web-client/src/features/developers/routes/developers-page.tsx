import { useId, useState } from 'react';
import { Link } from 'react-router';
import { PageHeading } from '@/components/ui/page-heading';
import { csharpVerifier, curl, flows, nodeVerifier, scopes, setup } from '../lib/examples';
import '../developers.css';

/** A block of code people copy: scrollable (and so focusable) on narrow screens, with a copy button. */
function CodeBlock({ code, label }: { code: string; label: string }) {
  const [copied, setCopied] = useState<'yes' | 'no' | undefined>();
  const id = useId();
  return (
    <div className="code">
      <pre className="code__block" tabIndex={0} aria-labelledby={id}>
        <code>{code}</code>
      </pre>
      <div className="code__bar">
        <span id={id} className="code__label">
          {label}
        </span>
        <button
          type="button"
          className="btn btn--small"
          onClick={() => {
            navigator.clipboard.writeText(code).then(
              () => setCopied('yes'),
              () => setCopied('no'),
            );
          }}
        >
          Copy<span className="visually-hidden"> {label}</span>
        </button>
        <span role="status" className="code__status">
          {copied === 'yes' ? 'Copied' : copied === 'no' ? 'Select the text to copy it' : ''}
        </span>
      </div>
    </div>
  );
}

/** `/developers`: what the API is, how to authenticate, its limits, and examples of the common flows. */
export function DevelopersPage() {
  const origin = globalThis.location?.origin ?? 'https://your-mediacoop.example';
  return (
    <div className="developers">
      <PageHeading title="Developers">Build on MediaCoop</PageHeading>
      <p className="developers__lead">
        Everything the storefront does goes through a public HTTP API: agencies’ asset managers, CMS plug-ins, print
        shops and contributors’ own tools can search and license photos, download the licensed files, upload and
        submit work, read earnings, and receive signed webhooks when something happens.
      </p>
      <ul className="developers__links">
        <li>
          <a href="/swagger">Interactive API reference</a> — every operation, its parameters, answers and errors.
        </li>
        <li>
          <a href="/swagger/v1/swagger.json">The OpenAPI contract (JSON)</a> — generate a client in your language.
        </li>
      </ul>

      <nav aria-label="On this page" className="developers__toc">
        <ul>
          <li><a href="#authentication">Authentication and scopes</a></li>
          <li><a href="#limits">Rate limits, idempotency and errors</a></li>
          {flows.map((flow) => (
            <li key={flow.id}>
              <a href={`#${flow.id}`}>{flow.title}</a>
            </li>
          ))}
          <li><a href="#webhooks">Receive webhooks</a></li>
        </ul>
      </nav>

      <section aria-labelledby="authentication" className="developers__section">
        <h2 id="authentication">Authentication and scopes</h2>
        <p>
          Create an API key on your <Link to="/account">account page</Link> under “API keys”. A key looks like{' '}
          <code>mcp_…</code>: the prefix makes a leaked key easy to spot, and a checksum lets the server refuse a
          mistyped one at once. The full key is shown once; we keep only a hash of it. Send it in a header on every
          request:
        </p>
        <CodeBlock code={'Authorization: Bearer mcp_…'} label="the authorization header" />
        <p>
          Keys in a query string are refused, so they never end up in logs or browser history. A key acts as you and
          can never do more than your account’s role allows; each key also carries scopes, and an operation outside
          them answers <code>403</code>. Revoke a key at any time from the same page.
        </p>
        <div className="developers__table" tabIndex={0} role="region" aria-label="Scopes">
          <table>
            <caption>What each scope allows</caption>
            <thead>
              <tr>
                <th scope="col">Scope</th>
                <th scope="col">Allows</th>
              </tr>
            </thead>
            <tbody>
              {scopes.map((s) => (
                <tr key={s.scope}>
                  <th scope="row">
                    <code>{s.scope}</code>
                  </th>
                  <td>{s.allows}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>Public reads (search, photos, licence types) also work without a key, limited per client address.</p>
      </section>

      <section aria-labelledby="limits" className="developers__section">
        <h2 id="limits">Rate limits, idempotency and errors</h2>
        <ul>
          <li>
            <strong>Rate limits</strong>: 60 requests a minute per key by default; uploads (10 a minute) and download
            links (20 a minute) have budgets of their own. Anonymous requests are limited per client address (300 a
            minute). Limited answers carry <code>RateLimit-Limit</code>, <code>RateLimit-Remaining</code> and{' '}
            <code>RateLimit-Reset</code>; over the limit you get <code>429</code> with <code>Retry-After</code>, the
            seconds to wait.
          </li>
          <li>
            <strong>Idempotency</strong>: creating and money-moving requests (orders, download links, submitting
            photos, payouts) take an <code>Idempotency-Key</code> header, e.g. a new UUID per operation. The first
            answer is kept for 24 hours: retrying with the same key replays it (marked{' '}
            <code>Idempotent-Replayed: true</code>) instead of acting twice; the same key with a different body
            answers <code>422</code>.
          </li>
          <li>
            <strong>Errors</strong> are problem details (<code>application/problem+json</code>, RFC 9457) with a{' '}
            <code>title</code> and a <code>detail</code> meant for people; <code>400</code> adds{' '}
            <code>errors</code> per field. <code>401</code>: no valid key. <code>403</code>: your role or the key’s
            scopes do not allow it. <code>404</code>: not found, or not yours. <code>409</code>: not possible in
            the current state.
          </li>
          <li>
            <strong>Money</strong> is an integer amount in minor units with its currency:{' '}
            <code>{'{"amount": 2500, "currency": "USD"}'}</code> is $25.00.
          </li>
        </ul>
        <p>The examples below use curl and jq in a POSIX shell, after:</p>
        <CodeBlock code={setup.replace('__ORIGIN__', origin)} label="the shell setup" />
      </section>

      {flows.map((flow) => (
        <section key={flow.id} aria-labelledby={flow.id} className="developers__section">
          <h2 id={flow.id}>{flow.title}</h2>
          <p>
            Scopes: {flow.scopes.map((scope, i) => (
              <span key={scope}>
                {i > 0 ? ', ' : ''}
                <code>{scope}</code>
              </span>
            ))}
            . {flow.intro}
          </p>
          <ol className="developers__steps">
            {flow.steps.map((step) => (
              <li key={step.title}>
                <h3>{step.title}</h3>
                <p className="developers__operation">
                  <code>
                    {step.method.toUpperCase()} {step.path}
                  </code>
                </p>
                <CodeBlock code={curl(step)} label={`command: ${step.title}`} />
              </li>
            ))}
          </ol>
        </section>
      ))}

      <section aria-labelledby="webhooks" className="developers__section">
        <h2 id="webhooks">Receive webhooks</h2>
        <p>
          Register an HTTPS endpoint and choose its events (for example <code>license.created</code>,{' '}
          <code>order.paid</code>, <code>asset.published</code>, <code>submission.reviewed</code>,{' '}
          <code>payout.sent</code>) on your <Link to="/account/webhooks">webhooks page</Link> or through the API with a{' '}
          <code>webhooks:write</code> key (the example above).
          Each event is a JSON <code>POST</code> signed the{' '}
          <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> way:
        </p>
        <ul>
          <li>
            <code>webhook-id</code>: the delivery’s id, the same on every retry (use it to ignore duplicates);
          </li>
          <li>
            <code>webhook-timestamp</code>: when it was sent, in seconds since 1970;
          </li>
          <li>
            <code>webhook-signature</code>: <code>v1,</code> followed by the base64 HMAC-SHA256 of{' '}
            <code>{'{id}.{timestamp}.{body}'}</code>, keyed with your secret (<code>whsec_</code> + base64). While
            you rotate the secret, the header carries one signature per secret, separated by spaces.
          </li>
        </ul>
        <p>
          Answer with any <code>2xx</code> within 10 seconds; otherwise we retry with growing delays for up to three
          days. Answering <code>410 Gone</code> turns the endpoint off. Verify the signature over the raw body before
          parsing it:
        </p>
        <h3>Node.js</h3>
        <CodeBlock code={nodeVerifier} label="the Node.js verification" />
        <h3>C#</h3>
        <CodeBlock code={csharpVerifier} label="the C# verification" />
      </section>

      <section aria-labelledby="terms" className="developers__section">
        <h2 id="terms">Terms of use</h2>
        <p>
          Use the API for your own account and the people you work for; keep keys secret and revoke any you think
          leaked. The licence terms of each photo apply to files you download through the API exactly as in the
          storefront.
        </p>
      </section>
    </div>
  );
}
