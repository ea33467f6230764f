/** Registers every FCO Admin Kit element under its `fco-` name. Import one `src/<widget>/define.js` instead to register less. */
import './provider/define.js';
import './page/define.js';
import './table/define.js';
import './customers/define.js';
import './users/define.js';
import './pending-customers/define.js';
