from briefing_tools.cli import main

raise SystemExit(main())
