-- An order with nothing to pay (an upgrade whose difference is zero after price changes) completes at checkout
-- without a payment provider, so its provider is 'none'. Card processors refuse zero-amount charges.
alter table orders drop constraint orders_provider_check;
alter table orders add constraint orders_provider_check check (provider in ('stripe', 'demo', 'none'));
