import Foundation

/// The run's render workers: exactly `workers` dedicated threads that run the pipeline's document and print
/// file tasks (a `TaskExecutor` the tasks prefer).
///
/// Why not the global concurrent executor: its width is the number of cores whatever `--workers` says, so
/// `--workers 1` would still render on every core, and a run could not be told to leave cores to other work
/// on the machine. The driving task (reading, committing) stays on the global executor; only the
/// CPU-bound work is confined here. Rendering is synchronous code, so a job runs to completion on its thread.
final class WorkerPool: TaskExecutor, @unchecked Sendable {
    // All mutable state below is guarded by `condition`.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var head = 0
    private var stopping = false

    let workers: Int

    init(workers: Int) {
        self.workers = max(1, workers)
        for i in 0..<self.workers {
            let thread = Thread { [self] in work() }
            thread.name = "presswork-worker-\(i + 1)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.lock()
        jobs.append(unowned)
        condition.signal()
        condition.unlock()
    }

    /// Lets the threads finish the queued jobs and exit (the pool holds itself alive until then).
    func shutdown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        let executor = asUnownedTaskExecutor()
        while true {
            condition.lock()
            while head == jobs.count && !stopping { condition.wait() }
            if head == jobs.count {
                condition.unlock()
                return
            }
            let job = jobs[head]
            head += 1
            // Drop the consumed prefix now and then, so the array does not grow with the run.
            if head >= 256 && head * 2 >= jobs.count {
                jobs.removeFirst(head)
                head = 0
            }
            condition.unlock()
            job.runSynchronously(on: executor)
        }
    }
}
