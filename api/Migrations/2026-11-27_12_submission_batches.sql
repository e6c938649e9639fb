-- Photos submitted together form a batch (a shoot, a series): editors can review one batch side by side.
-- A sent-back photo keeps its batch when it comes back, as it keeps its place in the queue.
alter table assets add column submission_batch_id uuid;
create index assets_submission_batch on assets (submission_batch_id) where submission_batch_id is not null;
