import { useState } from 'react';
import type { ThreadMessage } from '../api/types';
import { ReportMessageButton } from './report-message-button';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * A conversation, oldest first. Bodies are the server's sanitized HTML (`bodyHtml`, rendered from Markdown at write
 * time with raw HTML disabled and an HTML sanitizer); the Markdown source is never turned into HTML here.
 */
export function MessageList({ messages, label }: { messages: ThreadMessage[]; label: string }) {
  // Kept here, not in the Report button: once reported, the message comes back hidden and its button is gone.
  const [reported, setReported] = useState<string | null>(null);
  return (
    <>
      <ol className="messages" aria-label={label}>
        {messages.map((message) => (
          <MessageItem key={message.id} message={message} onReported={() => setReported(message.author.displayName)} />
        ))}
      </ol>
      <p role="status" className={reported ? 'alert alert--success' : 'visually-hidden'}>
        {reported && `You reported a message from ${reported}. It is hidden for everyone until the admins review it.`}
      </p>
    </>
  );
}

function MessageItem({ message, onReported }: { message: ThreadMessage; onReported: () => void }) {
  const at = new Date(message.createdAt);
  return (
    <li className={`message${message.mine ? ' message--mine' : ''}${message.hidden ? ' message--hidden' : ''}`}>
      <article aria-label={`${message.mine ? 'You' : message.author.displayName}, ${timeFormat.format(at)}`}>
        <header className="message__head">
          <span className="message__author">{message.mine ? 'You' : message.author.displayName}</span>{' '}
          <time className="muted" dateTime={message.createdAt}>
            {timeFormat.format(at)}
          </time>
          {message.removed ? (
            <span className="badge badge--declined">Removed</span>
          ) : (
            message.hidden && <span className="badge badge--appeal">Hidden pending review</span>
          )}
        </header>
        {message.removed && !message.bodyHtml ? (
          <p className="message__hidden">This message was removed by the co-op&apos;s admins.</p>
        ) : message.hidden && !message.bodyHtml ? (
          <p className="message__hidden">This message was reported and is hidden pending review by the co-op&apos;s admins.</p>
        ) : message.fromBlocked ? (
          <details className="message__blocked">
            <summary>From someone you blocked — show</summary>
            <div className="message__body" dangerouslySetInnerHTML={{ __html: message.bodyHtml ?? '' }} />
          </details>
        ) : (
          <>
            {message.hidden && (
              <p className="muted message__note">
                {message.removed ? 'Removed by the admins: only you see it.' : 'Only you and the admins see it until they decide.'}
              </p>
            )}
            <div className="message__body" dangerouslySetInnerHTML={{ __html: message.bodyHtml ?? '' }} />
          </>
        )}
        {!message.mine && !message.hidden && (
          <div className="message__actions">
            <ReportMessageButton messageId={message.id} authorName={message.author.displayName} onReported={onReported} />
          </div>
        )}
      </article>
    </li>
  );
}
