import Testing
@testable import SOSArchive

@Suite("Core budget")
struct CoreBudgetTests {
    @Test("a helper thread gets a core only when the budget has one to spare")
    func spareCores() {
        let one = CoreBudget(cores: 1)
        #expect(!one.takeSpare(), "--jobs 1 keeps to one core")
        one.occupying { #expect(!one.takeSpare()) }

        let two = CoreBudget(cores: 2)
        two.occupying {
            // One archive read alone on two cores: its read-ahead may have the second.
            #expect(two.takeSpare())
            #expect(!two.takeSpare(), "and only one")
            two.giveBack()
            two.occupying {
                // Two archives at once: no core to lend.
                #expect(!two.takeSpare())
            }
            #expect(two.takeSpare(), "the second archive done, the core is free again")
            two.giveBack()
        }
        #expect(CoreBudget(cores: 0).cores == 1)
    }

    @Test("a core freed while jobs wait to start goes to the next job, not to a helper thread")
    func queuedJobsFirst() {
        let two = CoreBudget(cores: 2)
        two.expect(jobs: 3)
        two.occupying {
            two.occupying {}
            // The second job ended with a third still waiting: its core is the third's.
            #expect(!two.takeSpare())
            two.occupying {}
            #expect(two.takeSpare(), "nothing waits now")
            two.giveBack()
        }
    }
}
