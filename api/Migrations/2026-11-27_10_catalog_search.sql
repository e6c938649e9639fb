-- Catalogue search.

-- Fix: in PostgreSQL every bitwise operator (<<, >>, &, |) has the same precedence and groups left to
-- right, so migration 08's `r << 6 | g << 3 | b` computed ((r << 6 | g) << 3) | b = r << 9 | g << 3 | b.
-- Colour cells are what "near this hex colour" searches by (8 × 8 × 8 cube, cell = r << 6 | g << 3 | b
-- of the top three bits per channel), so the function is corrected and the stored cells recomputed.
create or replace function catalog_colour_cell(rgb int) returns int
language sql immutable parallel safe as $$
    select ((((rgb >> 16) & 255) >> 5) << 6) | ((((rgb >> 8) & 255) >> 5) << 3) | ((rgb & 255) >> 5)
$$;

-- Only rows with a colour whose red is 32 or more were filed wrongly (for red < 32 both formulas agree).
update catalog c set colour_cells = array(select distinct catalog_colour_cell(x) from unnest(c.colours) x)
where exists (select 1 from unnest(c.colours) x where (x >> 16) & 255 >= 32);
