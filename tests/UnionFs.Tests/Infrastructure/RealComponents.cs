using System;
using NUnit.Framework;

namespace UnionFs.Tests.Infrastructure;

/// <summary>
/// Tests that need a real component (the kernel's overlayfs, later umoci, skopeo, podman) say so and are skipped
/// where it is missing, except in CI: <c>UNIONFS_REQUIRE_REAL=1</c> turns such a skip into a failure.
/// </summary>
internal static class RealComponents
{
    public static bool Required => Environment.GetEnvironmentVariable("UNIONFS_REQUIRE_REAL") == "1";

    public static void Require(string component, bool available, string reason)
    {
        if (available)
        {
            return;
        }

        var message = $"{component} is not available here: {reason}";
        if (Required)
        {
            Assert.Fail(message + " (UNIONFS_REQUIRE_REAL=1 makes this a failure)");
        }

        Assert.Ignore(message);
    }
}
