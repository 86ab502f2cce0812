import { NavLink } from 'react-router';
import { CHART_VIEWS } from './chartContext';

/** The views as links (aria-current on the active one); scrolls sideways in a narrow side panel. */
export function ChartNav() {
  return (
    <nav className="chart-nav" aria-label="Chart views">
      <ul>
        {CHART_VIEWS.map((view) => (
          <li key={view.to}>
            <NavLink to={view.to} end className={({ isActive }) => `chart-nav__link${isActive ? ' chart-nav__link--active' : ''}`}>
              {view.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
