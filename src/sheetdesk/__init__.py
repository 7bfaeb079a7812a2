"""SheetDesk: write, check and print 施策マネジメントシート offline."""

__version__ = "0.1.0"
