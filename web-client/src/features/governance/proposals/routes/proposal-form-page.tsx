import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '@/api/problem';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { TextField } from '@/components/ui/text-field';
import { formErrorsFrom, noErrors, type FormErrors } from '@/lib/form-errors';
import { useDraftProposal } from '../api/draft-proposal';
import { useCoopSettings } from '../api/get-coop-settings';
import { useProposal } from '../api/get-proposal';
import type { CoopSettings, Proposal, ProposalKind } from '../api/types';
import { useUpdateProposal } from '../api/update-proposal';
import { CandidatePicker } from '../components/candidate-picker';
import { SettingsChangeFields } from '../components/settings-change-fields';
import {
  MEMBER_CLASSES,
  buildProposalInput,
  formFromProposal,
  newProposalForm,
  proposalFieldOf,
  type ProposalField,
  type ProposalFormState,
} from '../lib/proposal-form';
import { classLabel } from '../lib/settings-change';
import '../proposals.css';

const KINDS: { kind: ProposalKind; label: string; hint: string }[] = [
  { kind: 'ordinary', label: 'Ordinary resolution', hint: 'Carries with a simple majority of the votes for and against.' },
  { kind: 'special', label: 'Special resolution', hint: 'Carries with at least two-thirds of the votes for and against.' },
  { kind: 'election', label: 'Board election', hint: 'Members approve any number of candidates; the most approved fill the seats.' },
];

/** A failed save → messages next to the fields they name; anything else at the top of the form. */
export function serverErrors(error: unknown): FormErrors<ProposalField> {
  if (error instanceof ApiError && error.status === 400 && error.problem?.errors) {
    const result: FormErrors<ProposalField> = { fields: {}, form: null };
    const unplaced: string[] = [];
    for (const [key, messages] of Object.entries(error.problem.errors)) {
      const field = proposalFieldOf(key);
      if (field) result.fields[field] = [result.fields[field], ...messages].filter(Boolean).join(' ');
      else unplaced.push(...messages);
    }
    if (unplaced.length > 0) result.form = unplaced.join(' ');
    else if (Object.keys(result.fields).length === 0) result.form = error.problem.detail ?? error.message;
    return result;
  }
  return formErrorsFrom(error, []);
}

/** `/coop/proposals/new` (members). */
export function NewProposalPage() {
  const settings = useCoopSettings();
  const [initial] = useState(() => newProposalForm(Date.now()));
  return (
    <div className="proposal-form-page">
      <PageHeading title="New proposal">New proposal</PageHeading>
      <p className="lede">
        Drafts are visible to every member. The board opens a draft for voting; until then you can edit or withdraw it.
      </p>
      <ProposalForm initial={initial} settings={settings.data} />
    </div>
  );
}

/** `/coop/proposals/:id/edit` (its author or the board, while a draft). */
export function EditProposalPage() {
  const { id = '' } = useParams();
  const proposal = useProposal(id);
  const settings = useCoopSettings();
  if (proposal.isPending || (proposal.data?.settingsChange && settings.isPending)) return <Spinner label="Loading the draft…" />;
  if (proposal.isError)
    return (
      <div className="proposal-form-page">
        <PageHeading title="Edit proposal">Edit proposal</PageHeading>
        <Alert title="Could not load the proposal">{proposal.error.message}</Alert>
      </div>
    );
  return <EditDraft proposal={proposal.data} settings={settings.data} />;
}

function EditDraft({ proposal, settings }: { proposal: Proposal; settings: CoopSettings | undefined }) {
  const [initial] = useState(() => formFromProposal(proposal, settings, Date.now()));
  return (
    <div className="proposal-form-page">
      <PageHeading title={`Edit ${proposal.title}`}>Edit draft</PageHeading>
      {proposal.status !== 'draft' ? (
        <Alert tone="info" title="This proposal can no longer be edited">
          Only drafts can be changed; this one is {proposal.status}. <Link to={`/coop/proposals/${proposal.id}`}>Back to the proposal</Link>
        </Alert>
      ) : (
        <ProposalForm initial={initial} settings={settings} proposalId={proposal.id} />
      )}
    </div>
  );
}

function ProposalForm({ initial, settings, proposalId }: { initial: ProposalFormState; settings: CoopSettings | undefined; proposalId?: string }) {
  const [state, setState] = useState(initial);
  const [errors, setErrors] = useState<FormErrors<ProposalField>>(noErrors);
  const navigate = useNavigate();
  const draft = useDraftProposal();
  const update = useUpdateProposal();
  const saving = draft.isPending || update.isPending;
  const alertRef = useRef<HTMLDivElement>(null);
  const ids = { body: useId(), kind: useId(), options: useId(), classes: useId() };

  const formRef = useRef<HTMLFormElement>(null);
  // After a failed submit, focus goes to the first field at fault (its message is read with it), else the alert.
  useEffect(() => {
    if (Object.keys(errors.fields).length > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    else if (errors.form) alertRef.current?.focus();
  }, [errors]);

  const set = <K extends keyof ProposalFormState>(key: K, value: ProposalFormState[K]) => setState((s) => ({ ...s, [key]: value }));
  const err = (f: ProposalField) => errors.fields[f];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const { input, errors: found } = buildProposalInput(state, settings, Date.now());
    if (!input) {
      setErrors({ fields: found, form: null });
      return;
    }
    setErrors(noErrors);
    const done = { onSuccess: (p: Proposal) => navigate(`/coop/proposals/${p.id}`), onError: (e: unknown) => setErrors(serverErrors(e)) };
    if (proposalId) update.mutate({ id: proposalId, input }, done);
    else draft.mutate(input, done);
  };

  const fieldError = (f: ProposalField, id: string) =>
    err(f) ? (
      <p className="field__error" id={`${id}-error`}>
        <span aria-hidden="true">⚠ </span>
        <span className="visually-hidden">Error:</span> {err(f)}
      </p>
    ) : null;

  return (
    <form ref={formRef} className="proposal-form" onSubmit={submit} noValidate>
      {errors.form && (
        <Alert ref={alertRef} title="The proposal was not saved">
          {errors.form}
        </Alert>
      )}
      <TextField
        aria-invalid={err('title') ? true : undefined}
        label="Title"
        name="title"
        value={state.title}
        maxLength={200}
        error={err('title')}
        onChange={(e) => set('title', e.target.value)}
      />

      <div className={`field${err('body') ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor={ids.body}>
          Text
        </label>
        <p className="field__hint" id={`${ids.body}-hint`}>
          Markdown: **bold**, _italic_, lists with “- ”, links as [text](https://…). What members read before they vote.
        </p>
        <textarea
          id={ids.body}
          className="field__input proposal-form__body"
          rows={10}
          value={state.body}
          onChange={(e) => set('body', e.target.value)}
          aria-invalid={err('body') ? true : undefined}
          aria-describedby={[err('body') ? `${ids.body}-error` : null, `${ids.body}-hint`].filter(Boolean).join(' ')}
        />
        {fieldError('body', ids.body)}
      </div>

      <fieldset className={`field${err('kind') ? ' field--invalid' : ''}`}>
        <legend className="field__label">Kind</legend>
        {KINDS.map((k, i) => (
          <label key={k.kind} className="choice">
            <input
              aria-invalid={i === 0 && err('kind') ? true : undefined}
              type="radio"
              name="kind"
              value={k.kind}
              checked={state.kind === k.kind}
              onChange={() => set('kind', k.kind)}
            />
            <span>
              <strong>{k.label}</strong> <span className="muted">— {k.hint}</span>
            </span>
          </label>
        ))}
        {fieldError('kind', ids.kind)}
      </fieldset>

      {state.kind === 'election' ? (
        <>
          <CandidatePicker
            candidates={state.candidates}
            onChange={(c) => set('candidates', c)}
            error={err('candidateIds')}
                      />
          <TextField
            aria-invalid={err('seats') ? true : undefined}
            label="Seats"
            name="seats"
            inputMode="numeric"
            hint="How many board seats this election fills."
            value={state.seats}
            error={err('seats')}
            onChange={(e) => set('seats', e.target.value)}
          />
        </>
      ) : (
        <fieldset className={`field${err('options') ? ' field--invalid' : ''}`} aria-describedby={err('options') ? `${ids.options}-error` : undefined}>
          <legend className="field__label">Options</legend>
          <label className="choice">
            <input
              aria-invalid={err('options') ? true : undefined}
              type="radio"
              name="optionMode"
              checked={state.optionMode === 'standard'}
              onChange={() => set('optionMode', 'standard')}
            />
            <span>Yes / No / Abstain</span>
          </label>
          <label className="choice">
            <input type="radio" name="optionMode" checked={state.optionMode === 'custom'} onChange={() => set('optionMode', 'custom')} />
            <span>My own options (members choose one; an Abstain option is added)</span>
          </label>
          {state.optionMode === 'custom' && (
            <ol className="proposal-form__options">
              {state.customOptions.map((option, i) => (
                <li key={i}>
                  <label className="visually-hidden" htmlFor={`${ids.options}-${i}`}>
                    Option {i + 1}
                  </label>
                  <input
                    id={`${ids.options}-${i}`}
                    className="field__input"
                    value={option}
                    onChange={(e) => set('customOptions', state.customOptions.map((o, j) => (j === i ? e.target.value : o)))}
                  />
                  {state.customOptions.length > 2 && (
                    <Button variant="ghost" aria-label={`Remove option ${i + 1}`} onClick={() => set('customOptions', state.customOptions.filter((_, j) => j !== i))}>
                      Remove
                    </Button>
                  )}
                </li>
              ))}
            </ol>
          )}
          {state.optionMode === 'custom' && state.customOptions.length < 10 && (
            <Button variant="secondary" onClick={() => set('customOptions', [...state.customOptions, ''])}>
              Add an option
            </Button>
          )}
          {fieldError('options', ids.options)}
        </fieldset>
      )}

      <div className="proposal-form__row">
        <TextField
          aria-invalid={err('quorumBp') ? true : undefined}
          label="Quorum (%)"
          name="quorum"
          inputMode="decimal"
          hint="The share of eligible members who must vote for the result to count."
          value={state.quorum}
          error={err('quorumBp')}
          onChange={(e) => set('quorum', e.target.value)}
        />
        <TextField
          aria-invalid={err('closesAt') ? true : undefined}
          label="Voting closes at"
          name="closesAt"
          type="datetime-local"
          step={1}
          hint="Your local time. Voting opens when the board opens the draft."
          value={state.closesAt}
          error={err('closesAt')}
          onChange={(e) => set('closesAt', e.target.value)}
        />
      </div>

      <fieldset className={`field${err('eligibleClasses') ? ' field--invalid' : ''}`}>
        <legend className="field__label">Who may vote</legend>
        {MEMBER_CLASSES.map((c, i) => (
          <label key={c} className="choice">
            <input
              aria-invalid={i === 0 && err('eligibleClasses') ? true : undefined}
              type="checkbox"
              checked={state.eligibleClasses.includes(c)}
              onChange={(e) =>
                set('eligibleClasses', e.target.checked ? [...state.eligibleClasses, c] : state.eligibleClasses.filter((x) => x !== c))
              }
            />
            <span>{classLabel(c).replace(/^./, (ch) => ch.toUpperCase())}</span>
          </label>
        ))}
        {fieldError('eligibleClasses', ids.classes)}
      </fieldset>

      <label className="choice">
        <input type="checkbox" checked={state.secretBallot} onChange={(e) => set('secretBallot', e.target.checked)} />
        <span>
          <strong>Secret ballot</strong> <span className="muted">— record who voted, never how (recommended).</span>
        </span>
      </label>

      {state.kind !== 'election' && state.optionMode === 'standard' && (
        <section className="proposal-form__binding" aria-labelledby="binding-heading">
          <h2 id="binding-heading">Binding settings change</h2>
          <label className="choice">
            <input
              aria-invalid={err('settingsChange') ? true : undefined}
              type="checkbox"
              checked={state.binding}
              onChange={(e) => set('binding', e.target.checked)}
            />
            <span>This proposal changes the co-op&apos;s settings if it carries</span>
          </label>
          {err('settingsChange') && <p className="field__error">{err('settingsChange')}</p>}
          {state.binding &&
            (settings ? (
              <SettingsChangeFields
                form={state.settings}
                current={settings}
                errors={errors.fields}
                onChange={(s) => set('settings', s)}
              />
            ) : (
              <Spinner label="Loading the current settings…" />
            ))}
        </section>
      )}

      <div className="proposal-form__actions">
        <Button type="submit" loading={saving} loadingText="Saving…">
          {proposalId ? 'Save draft' : 'Save as draft'}
        </Button>
        <Link to={proposalId ? `/coop/proposals/${proposalId}` : '/coop/proposals'}>Cancel</Link>
      </div>
    </form>
  );
}
