import { useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClassName } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { formErrorsFrom, type FormErrors } from '@/lib/form-errors';
import { useFocusFirstError } from '@/lib/use-focus-first-error';
import { useMe } from '@/lib/session/get-me';
import { useContributorId } from '../api/get-contributor-id';
import { useMyHandle } from '../api/get-my-handle';
import { useStartThread } from '../api/start-thread';
import {
  BUDGET_CURRENCIES,
  CONTACT_FIELDS,
  buildContactRequest,
  localToday,
  type ContactField,
  type ContactForm,
  type ContactKind,
} from '../lib/contact-request';
import { Modal } from './modal';
import { TextAreaField } from '@/components/ui/text-area-field';
import { MARKDOWN_HINT } from './markdown-hint';
import '../messaging.css';

export type ContactTarget = {
  /** The contributor's user id, which the API addresses them by. */
  id: string;
  handle: string;
  displayName: string;
  /** The photo the message is about, when sent from its page. */
  asset?: { id: string; title: string } | undefined;
};

/** On a photo's page, which names its photographer by handle: the id to address them by is looked up first. */
export function ContactPhotographer({ handle, displayName, asset }: Omit<ContactTarget, 'id'>) {
  const id = useContributorId(handle);
  if (!id) return null;
  return <ContactContributor target={{ id, handle, displayName, asset }} />;
}

/** `?contact=question|commission` re-opens the dialog after a visitor signs in to send it. */
const CONTACT_PARAM = 'contact';

/**
 * "Contact" and "Request a commission" for a contributor's photo or portfolio. Hidden on one's own work; a signed-out
 * visitor is sent to sign in and brought back with the dialog open.
 */
export function ContactContributor({ target }: { target: ContactTarget }) {
  const me = useMe();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const myHandle = useMyHandle(Boolean(me.data));
  const requested = params.get(CONTACT_PARAM);
  const [open, setOpen] = useState<ContactKind | null>(
    requested === 'question' || requested === 'commission' ? requested : null,
  );
  const questionOpener = useRef<HTMLButtonElement>(null);
  const commissionOpener = useRef<HTMLButtonElement>(null);

  if (me.isPending || myHandle.pending) return null;
  if (me.data && (me.data.id === target.id || myHandle.handle === target.handle)) return null;

  if (!me.data) {
    const back = (kind: ContactKind) => {
      const search = new URLSearchParams(location.search);
      search.set(CONTACT_PARAM, kind);
      return `${location.pathname}?${search.toString()}`;
    };
    return (
      <div className="contact-buttons">
        <Link className="btn btn--secondary" to="/sign-in" state={{ from: back('question') }}>
          Contact {target.displayName}
        </Link>
        <Link className="btn btn--secondary" to="/sign-in" state={{ from: back('commission') }}>
          Request a commission
        </Link>
        <p className="muted contact-buttons__note">Sign in to write to {target.displayName}.</p>
      </div>
    );
  }

  function close() {
    const kind = open;
    setOpen(null);
    if (params.has(CONTACT_PARAM)) {
      const next = new URLSearchParams(params);
      next.delete(CONTACT_PARAM);
      setParams(next, { replace: true });
    }
    (kind === 'commission' ? commissionOpener : questionOpener).current?.focus();
  }

  return (
    <div className="contact-buttons">
      <button ref={questionOpener} type="button" className={buttonClassName('secondary')} aria-haspopup="dialog" onClick={() => setOpen('question')}>
        Contact {target.displayName}
      </button>
      <button ref={commissionOpener} type="button" className={buttonClassName('secondary')} aria-haspopup="dialog" onClick={() => setOpen('commission')}>
        Request a commission
      </button>
      {open && <ContactDialog target={target} initialKind={open} onClose={close} />}
    </div>
  );
}

const empty = { fields: {}, form: null } satisfies FormErrors<ContactField>;

export function ContactDialog({ target, initialKind, onClose }: { target: ContactTarget; initialKind: ContactKind; onClose: () => void }) {
  const navigate = useNavigate();
  const start = useStartThread();
  const [form, setForm] = useState<ContactForm>({
    kind: initialKind,
    subject: target.asset?.title ?? '',
    body: '',
    budgetAmount: '',
    budgetCurrency: 'USD',
    deadline: '',
  });
  const [errors, setErrors] = useState<FormErrors<ContactField>>(empty);
  const kindRef = useRef<HTMLInputElement>(null);
  const subjectRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const budgetRef = useRef<HTMLInputElement>(null);
  const deadlineRef = useRef<HTMLInputElement>(null);
  const alert = useRef<HTMLDivElement>(null);
  useFocusFirstError(
    errors,
    CONTACT_FIELDS,
    { kind: kindRef, subject: subjectRef, body: bodyRef, budget: budgetRef, deadline: deadlineRef },
    alert,
  );

  const set = <K extends keyof ContactForm>(key: K, value: ContactForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const commission = form.kind === 'commission';

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (start.isPending) return;
    const built = buildContactRequest(form, target.id, target.asset?.id);
    if (built.errors) {
      setErrors({ fields: built.errors, form: null });
      return;
    }
    setErrors(empty);
    try {
      const thread = await start.mutateAsync(built.request);
      navigate(`/inbox/${thread.id}`, { state: { sent: true } });
    } catch (error) {
      setErrors(formErrorsFrom(error, CONTACT_FIELDS));
    }
  }

  return (
    <Modal title={commission ? `Request a commission from ${target.displayName}` : `Contact ${target.displayName}`} onClose={onClose}>
      {() => (
        <form className="form contact-form" noValidate onSubmit={onSubmit}>
          {errors.form && (
            <Alert ref={alert} title="Your message was not sent">
              {errors.form}
            </Alert>
          )}
          <fieldset className="fieldset">
            <legend className="field__label">What is it about?</legend>
            <label className="radio">
              <input ref={kindRef} type="radio" name="kind" value="question" checked={!commission} onChange={() => set('kind', 'question')} />
              A question
            </label>
            <label className="radio">
              <input type="radio" name="kind" value="commission" checked={commission} onChange={() => set('kind', 'commission')} />
              A commission request (a brief, a budget, a deadline)
            </label>
          </fieldset>
          <TextField
            ref={subjectRef}
            label="Subject"
            name="subject"
            value={form.subject}
            maxLength={200}
            onChange={(e) => set('subject', e.target.value)}
            error={errors.fields.subject}
          />
          <TextAreaField
            ref={bodyRef}
            label={commission ? 'Your brief' : 'Message'}
            name="body"
            rows={6}
            hint={commission ? `What, where, how many photos and for what use. ${MARKDOWN_HINT}` : MARKDOWN_HINT}
            value={form.body}
            onChange={(e) => set('body', e.target.value)}
            error={errors.fields.body}
          />
          {commission && (
            <div className="contact-form__commission">
              <div className="contact-form__budget">
                <TextField
                  ref={budgetRef}
                  label="Budget (optional)"
                  name="budgetAmount"
                  inputMode="decimal"
                  autoComplete="off"
                  hint="In whole units, e.g. 250 or 250.50."
                  value={form.budgetAmount}
                  onChange={(e) => set('budgetAmount', e.target.value)}
                  error={errors.fields.budget}
                />
                <div className="field">
                  <label className="field__label" htmlFor="contact-currency">
                    Currency
                  </label>
                  <select
                    id="contact-currency"
                    className="field__input"
                    value={form.budgetCurrency}
                    onChange={(e) => set('budgetCurrency', e.target.value)}
                  >
                    {BUDGET_CURRENCIES.map((c) => (
                      <option key={c}>{c}</option>
                    ))}
                  </select>
                </div>
              </div>
              <TextField
                ref={deadlineRef}
                label="Deadline (optional)"
                name="deadline"
                type="date"
                min={localToday()}
                value={form.deadline}
                onChange={(e) => set('deadline', e.target.value)}
                error={errors.fields.deadline}
              />
            </div>
          )}
          <div className="actions">
            <Button type="submit" loading={start.isPending} loadingText="Sending…">
              {commission ? 'Send request' : 'Send message'}
            </Button>
            <Button variant="ghost" onClick={onClose}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </Modal>
  );
}
