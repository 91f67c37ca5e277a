/// LockKit: the lock patterns of the guide, done correctly (issue 3).
public enum LockKitModule {}
