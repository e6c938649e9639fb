import { NavLink } from 'react-router';
import '../governance-settings.css';

/** The co-op's pages for members; proposals and the board belong to their own parts but sit in the same menu. */
export function CoopSectionNav() {
  return (
    <nav className="coop-section-nav" aria-label="Co-op">
      <ul>
        <li><NavLink to="/coop/books">Books</NavLink></li>
        <li><NavLink to="/coop/proposals">Proposals</NavLink></li>
        <li><NavLink to="/board">Board</NavLink></li>
        <li><NavLink to="/coop/settings">Settings</NavLink></li>
        <li><NavLink to="/coop/meetings">Meetings</NavLink></li>
        <li><NavLink to="/coop/directory">Directory</NavLink></li>
      </ul>
    </nav>
  );
}
